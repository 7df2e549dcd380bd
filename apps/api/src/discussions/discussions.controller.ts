import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  categoryInputSchema,
  createPostSchema,
  createThreadSchema,
  draftSchema,
  flagPostSchema,
  markReadSchema,
  moderatePostSchema,
  postQuerySchema,
  reactSchema,
  reactionSchema,
  resolveFlagSchema,
  subscriptionSchema,
  threadQuerySchema,
  updatePostSchema,
  updateThreadSchema,
} from '@technopolice/shared';
import { type Response } from 'express';
import { type z } from 'zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { AppError } from '../common/app-error.js';
import { UuidParam } from '../common/uuid-param.pipe.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { DiscussionsService } from './discussions.service.js';

type Out<T extends z.ZodType> = z.output<T>;

/** A draft, or 204 when none is kept (not 404: having no draft is the usual case). */
async function draftOr204<T>(res: Response, draft: Promise<T | null>): Promise<T | undefined> {
  const found = await draft;
  if (found === null) res.status(204);
  return found ?? undefined;
}

@ApiTags('discussions')
@ApiBearerAuth()
@Controller('api')
export class DiscussionsController {
  constructor(private readonly discussions: DiscussionsService) {}

  // Threads

  @Post('cases/:caseId/threads')
  @ApiOperation({ summary: 'Open a thread in a case, with its first post' })
  createCaseThread(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Body(new ZodBody(createThreadSchema)) input: Out<typeof createThreadSchema>,
  ) {
    return this.discussions.createThread(actor, { caseId }, input);
  }

  @Get('cases/:caseId/threads')
  @ApiOperation({ summary: 'Threads of a case: pinned first, then by latest activity' })
  caseThreads(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Query(new ZodBody(threadQuerySchema)) query: Out<typeof threadQuerySchema>,
  ) {
    return this.discussions.threads(actor, { caseId }, query);
  }

  @Post('groups/:groupId/forum/threads')
  @ApiOperation({ summary: 'Open a thread in the group’s forum, with its first post' })
  createForumThread(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Body(new ZodBody(createThreadSchema)) input: Out<typeof createThreadSchema>,
  ) {
    return this.discussions.createThread(actor, { groupId }, input);
  }

  @Get('groups/:groupId/forum/threads')
  @ApiOperation({ summary: 'Threads of the group’s forum, optionally of one category' })
  forumThreads(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Query(new ZodBody(threadQuerySchema)) query: Out<typeof threadQuerySchema>,
  ) {
    return this.discussions.threads(actor, { groupId }, query);
  }

  @Get('threads/:threadId')
  @ApiOperation({ summary: 'A thread, with my reading state' })
  thread(@CurrentActor() actor: Actor, @Param('threadId', UuidParam) threadId: string) {
    return this.discussions.thread(actor, threadId);
  }

  @Patch('threads/:threadId')
  @ApiOperation({ summary: 'Rename (author, coordinators); pin, lock, hide, move (coordinators)' })
  updateThread(
    @CurrentActor() actor: Actor,
    @Param('threadId', UuidParam) threadId: string,
    @Body(new ZodBody(updateThreadSchema)) input: Out<typeof updateThreadSchema>,
  ) {
    return this.discussions.updateThread(actor, threadId, input);
  }

  @Put('threads/:threadId/read')
  @ApiOperation({ summary: 'I read the thread up to this post (never moves backwards)' })
  markRead(
    @CurrentActor() actor: Actor,
    @Param('threadId', UuidParam) threadId: string,
    @Body(new ZodBody(markReadSchema)) input: Out<typeof markReadSchema>,
  ) {
    return this.discussions.markRead(actor, threadId, input.seq);
  }

  @Put('threads/:threadId/subscription')
  @ApiOperation({ summary: 'Watch, follow normally, or mute a thread' })
  threadSubscription(
    @CurrentActor() actor: Actor,
    @Param('threadId', UuidParam) threadId: string,
    @Body(new ZodBody(subscriptionSchema)) input: Out<typeof subscriptionSchema>,
  ) {
    return this.discussions.setThreadLevel(actor, threadId, input.level);
  }

  @Get('cases/:caseId/subscription')
  @ApiOperation({ summary: 'How I follow a case' })
  caseSubscription(@CurrentActor() actor: Actor, @Param('caseId', UuidParam) caseId: string) {
    return this.discussions.caseLevel(actor, caseId);
  }

  @Put('cases/:caseId/subscription')
  @ApiOperation({ summary: 'Watch (every post and document), follow normally, or mute a case' })
  setCaseSubscription(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Body(new ZodBody(subscriptionSchema)) input: Out<typeof subscriptionSchema>,
  ) {
    return this.discussions.setCaseLevel(actor, caseId, input.level);
  }

  @Get('groups/:groupId/unread')
  @ApiOperation({ summary: 'My unread posts in a group: per case, and in the forum' })
  unread(@CurrentActor() actor: Actor, @Param('groupId', UuidParam) groupId: string) {
    return this.discussions.unread(actor, groupId);
  }

  // Forum categories

  @Get('groups/:groupId/forum/categories')
  @ApiOperation({ summary: 'Categories of the group’s forum' })
  categories(@CurrentActor() actor: Actor, @Param('groupId', UuidParam) groupId: string) {
    return this.discussions.categories(actor, groupId);
  }

  @Post('groups/:groupId/forum/categories')
  @ApiOperation({ summary: 'Add a forum category (coordinators)' })
  createCategory(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Body(new ZodBody(categoryInputSchema)) input: Out<typeof categoryInputSchema>,
  ) {
    return this.discussions.createCategory(actor, groupId, input);
  }

  @Patch('forum/categories/:categoryId')
  @ApiOperation({ summary: 'Rename, describe or reorder a forum category (coordinators)' })
  updateCategory(
    @CurrentActor() actor: Actor,
    @Param('categoryId', UuidParam) categoryId: string,
    @Body(new ZodBody(categoryInputSchema.partial()))
    input: Partial<Out<typeof categoryInputSchema>>,
  ) {
    return this.discussions.updateCategory(actor, categoryId, input);
  }

  @Delete('forum/categories/:categoryId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a forum category; its threads stay, uncategorised' })
  async deleteCategory(
    @CurrentActor() actor: Actor,
    @Param('categoryId', UuidParam) categoryId: string,
  ): Promise<void> {
    await this.discussions.updateCategory(actor, categoryId, null);
  }

  // Posts

  @Post('threads/:threadId/posts')
  @ApiOperation({ summary: 'Post in a thread (rich text), told live to the case’s room' })
  createPost(
    @CurrentActor() actor: Actor,
    @Param('threadId', UuidParam) threadId: string,
    @Body(new ZodBody(createPostSchema)) input: Out<typeof createPostSchema>,
  ) {
    return this.discussions.createPost(actor, threadId, input);
  }

  @Get('threads/:threadId/posts')
  @ApiOperation({ summary: 'Posts of a thread in seq order: after=, before=, limit=' })
  posts(
    @CurrentActor() actor: Actor,
    @Param('threadId', UuidParam) threadId: string,
    @Query(new ZodBody(postQuerySchema)) query: Out<typeof postQuerySchema>,
  ) {
    return this.discussions.posts(actor, threadId, query);
  }

  @Get('posts/:postId')
  @ApiOperation({ summary: 'A post' })
  post(@CurrentActor() actor: Actor, @Param('postId', UuidParam) postId: string) {
    return this.discussions.post(actor, postId);
  }

  @Patch('posts/:postId')
  @ApiOperation({ summary: 'Edit my post, from the version I started from (409 when stale)' })
  editPost(
    @CurrentActor() actor: Actor,
    @Param('postId', UuidParam) postId: string,
    @Body(new ZodBody(updatePostSchema)) input: Out<typeof updatePostSchema>,
  ) {
    return this.discussions.editPost(actor, postId, input);
  }

  @Get('posts/:postId/revisions')
  @ApiOperation({ summary: 'Earlier versions of an edited post, oldest first' })
  revisions(@CurrentActor() actor: Actor, @Param('postId', UuidParam) postId: string) {
    return this.discussions.revisions(actor, postId);
  }

  @Delete('posts/:postId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a post (its author or a coordinator); it keeps its place' })
  async deletePost(
    @CurrentActor() actor: Actor,
    @Param('postId', UuidParam) postId: string,
  ): Promise<void> {
    await this.discussions.deletePost(actor, postId);
  }

  @Post('posts/:postId/reactions')
  @HttpCode(200)
  @ApiOperation({ summary: 'React to a post' })
  react(
    @CurrentActor() actor: Actor,
    @Param('postId', UuidParam) postId: string,
    @Body(new ZodBody(reactSchema)) input: Out<typeof reactSchema>,
  ) {
    return this.discussions.react(actor, postId, input.reaction, true);
  }

  @Delete('posts/:postId/reactions/:reaction')
  @ApiOperation({ summary: 'Take back my reaction' })
  unreact(
    @CurrentActor() actor: Actor,
    @Param('postId', UuidParam) postId: string,
    @Param('reaction') reaction: string,
  ) {
    const parsed = reactionSchema.safeParse(reaction);
    if (!parsed.success) throw AppError.invalid('reaction', 'is not one of the reactions');
    return this.discussions.react(actor, postId, parsed.data, false);
  }

  @Post('posts/:postId/flags')
  @ApiOperation({ summary: 'Flag a post to the group’s coordinators' })
  flag(
    @CurrentActor() actor: Actor,
    @Param('postId', UuidParam) postId: string,
    @Body(new ZodBody(flagPostSchema)) input: Out<typeof flagPostSchema>,
  ) {
    return this.discussions.flag(actor, postId, input.reason);
  }

  @Post('posts/:postId/moderation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide, show again, or move a post to another thread (coordinators)' })
  moderate(
    @CurrentActor() actor: Actor,
    @Param('postId', UuidParam) postId: string,
    @Body(new ZodBody(moderatePostSchema)) input: Out<typeof moderatePostSchema>,
  ) {
    return this.discussions.moderatePost(actor, postId, input);
  }

  @Get('groups/:groupId/flags')
  @ApiOperation({ summary: 'Open flags of the group (coordinators)' })
  flags(@CurrentActor() actor: Actor, @Param('groupId', UuidParam) groupId: string) {
    return this.discussions.flags(actor, groupId);
  }

  @Post('flags/:flagId/resolve')
  @HttpCode(204)
  @ApiOperation({ summary: 'Dismiss a flag, or hide its post (coordinators)' })
  async resolveFlag(
    @CurrentActor() actor: Actor,
    @Param('flagId', UuidParam) flagId: string,
    @Body(new ZodBody(resolveFlagSchema)) input: Out<typeof resolveFlagSchema>,
  ): Promise<void> {
    await this.discussions.resolveFlag(actor, flagId, input);
  }

  // Drafts

  @Get('threads/:threadId/draft')
  @ApiOperation({ summary: 'My draft reply in this thread (204 when none)' })
  replyDraft(
    @CurrentActor() actor: Actor,
    @Param('threadId', UuidParam) threadId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return draftOr204(res, this.discussions.draft(actor, { threadId }));
  }

  @Put('threads/:threadId/draft')
  @ApiOperation({ summary: 'Keep my draft reply while I type' })
  saveReplyDraft(
    @CurrentActor() actor: Actor,
    @Param('threadId', UuidParam) threadId: string,
    @Body(new ZodBody(draftSchema)) input: Out<typeof draftSchema>,
  ) {
    return this.discussions.saveDraft(actor, { threadId }, input);
  }

  @Delete('threads/:threadId/draft')
  @HttpCode(204)
  async deleteReplyDraft(
    @CurrentActor() actor: Actor,
    @Param('threadId', UuidParam) threadId: string,
  ): Promise<void> {
    await this.discussions.deleteDraft(actor, { threadId });
  }

  @Get('cases/:caseId/thread-draft')
  @ApiOperation({ summary: 'My draft of a new thread in this case' })
  caseDraft(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return draftOr204(res, this.discussions.draft(actor, { caseId }));
  }

  @Put('cases/:caseId/thread-draft')
  saveCaseDraft(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Body(new ZodBody(draftSchema)) input: Out<typeof draftSchema>,
  ) {
    return this.discussions.saveDraft(actor, { caseId }, input);
  }

  @Delete('cases/:caseId/thread-draft')
  @HttpCode(204)
  async deleteCaseDraft(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
  ): Promise<void> {
    await this.discussions.deleteDraft(actor, { caseId });
  }

  @Get('groups/:groupId/forum/thread-draft')
  @ApiOperation({ summary: 'My draft of a new forum thread' })
  forumDraft(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return draftOr204(res, this.discussions.draft(actor, { groupId }));
  }

  @Put('groups/:groupId/forum/thread-draft')
  saveForumDraft(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Body(new ZodBody(draftSchema)) input: Out<typeof draftSchema>,
  ) {
    return this.discussions.saveDraft(actor, { groupId }, input);
  }

  @Delete('groups/:groupId/forum/thread-draft')
  @HttpCode(204)
  async deleteForumDraft(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
  ): Promise<void> {
    await this.discussions.deleteDraft(actor, { groupId });
  }
}
